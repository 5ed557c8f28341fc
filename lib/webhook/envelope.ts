// EnKash's response envelope: { payload: string, response_code: 0 | 1, response_message }.
// response_code 0 means stored; 1 means not stored (the HTTP status says whether to retry).
import type { FieldProblem } from "../enkash/schema";

export interface Acknowledgement {
  deliveryId: number | null;
  reqMsgId: string | null;
  outcome: string;
  errors?: FieldProblem[];
}

export function enkashResponse(httpStatus: number, message: string, ack: Acknowledgement, headers?: HeadersInit): Response {
  const body = {
    payload: JSON.stringify(ack),
    response_code: httpStatus === 200 ? 0 : 1,
    response_message: message,
  };
  return Response.json(body, { status: httpStatus, headers });
}
