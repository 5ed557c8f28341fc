import { describe, expect, it } from "vitest";
import { decideOrder, type Timing } from "./ordering";

const at = (ts: string | null, received: string, trusted = ts !== null): Timing => ({
  tsInstant: ts ? new Date(ts) : null,
  tsTrusted: trusted,
  receivedAt: new Date(received),
});
const R1 = "2025-07-14T06:00:00Z";
const R2 = "2025-07-14T07:00:00Z";

describe("decideOrder", () => {
  it.each([
    ["a later ts is an update", at("2025-07-14T05:00:00Z", R1), null, at("2025-07-14T05:30:00Z", R2), "updated", true],
    ["an earlier ts is stale", at("2025-07-14T05:30:00Z", R1), null, at("2025-07-14T05:00:00Z", R2), "stale", false],
    ["the same ts, other content, is a conflict", at("2025-07-14T05:00:00Z", R1), null, at("2025-07-14T05:00:00Z", R2), "conflict", false],
    ["an unrecognised ts on the stored state: receipt order", at(null, R1), null, at("2025-07-14T04:00:00Z", R2), "updated", true],
    ["an unrecognised ts on the new message: receipt order", at("2025-07-14T05:00:00Z", R1), null, at(null, R2), "updated", true],
    ["a ts too far ahead cannot pin the payment", at("2099-01-01T00:00:00Z", R1, false), null, at("2025-07-14T05:00:00Z", R2), "updated", true],
    ["a revision with a later ts is applied", at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:10:00Z", R2), "revised", true],
    ["a revision with the same ts is a conflict", at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:00:00Z", R2), "conflict", false],
    ["an earlier version of a message is stale", at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:00:00Z", R1), at("2025-07-14T04:00:00Z", R2), "stale", false],
    ["a revision overtaken by a newer message is stale", at("2025-07-14T06:00:00Z", R2), at("2025-07-14T05:00:00Z", R1), at("2025-07-14T05:30:00Z", R2), "stale", false],
  ] as const)("%s", (_name, current, earlier, incoming, outcome, apply) => {
    expect(decideOrder(current, earlier, incoming)).toMatchObject({ outcome, apply });
  });

  it("says when it ordered by receipt time", () => {
    expect(decideOrder(at(null, R1), null, at(null, R2)).reason).toMatch(/ordered by receipt time/);
    expect(decideOrder(at("2025-07-14T05:00:00Z", R1), null, at("2025-07-14T05:30:00Z", R2)).reason).toBeNull();
  });
});
