// EnKash's response envelope: { payload: string, response_code: 0 | 1, response_message }.
// response_code 0 means stored; 1 means not stored (the HTTP status says whether to retry).
import type { FieldProblem } from "../enkash/schema";

export interface Acknowledgement {
  deliveryId: number | null;
  reqMsgId: string | null;
  outcome: string;
  errors?: FieldProblem[];
}

/** A webhook's answer, before it becomes a Response (Next) or is written to the socket (lib/webhook/fast-path.ts). */
export interface WebhookAnswer {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function enkashAnswer(httpStatus: number, message: string, ack: Acknowledgement, headers: Record<string, string> = {}): WebhookAnswer {
  const body = {
    payload: JSON.stringify(ack),
    response_code: httpStatus === 200 ? 0 : 1,
    response_message: message,
  };
  return { status: httpStatus, headers: { ...headers, "content-type": "application/json" }, body: JSON.stringify(body) };
}

export function toResponse(answer: WebhookAnswer): Response {
  return new Response(answer.body, { status: answer.status, headers: answer.headers });
}

export function enkashResponse(httpStatus: number, message: string, ack: Acknowledgement, headers?: Record<string, string>): Response {
  return toResponse(enkashAnswer(httpStatus, message, ack, headers));
}
