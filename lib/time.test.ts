import { describe, expect, it } from "vitest";
import { formatIst, istDay, istDayStart, parseEnkashTs } from "./time";

describe("parseEnkashTs", () => {
  it("reads ISO-8601 with an offset", () => {
    const ts = parseEnkashTs("2025-07-14T11:32:08+05:30");
    expect(ts).toMatchObject({ ok: true, assumedIst: false });
    expect(ts.ok && ts.instant.toISOString()).toBe("2025-07-14T06:02:08.000Z");
  });
  it("assumes IST when there is no offset", () => {
    const ts = parseEnkashTs("2025-07-14 11:32:08");
    expect(ts.ok && ts.assumedIst && ts.instant.toISOString()).toBe("2025-07-14T06:02:08.000Z");
  });
  it("reads epoch seconds and milliseconds", () => {
    expect(parseEnkashTs("1752473528").ok).toBe(true);
    expect(parseEnkashTs("1752473528000").ok).toBe(true);
  });
  it.each(["string", "", "2025-02-30T10:00:00Z", "14/07/2025", "2025-13-01T00:00:00Z"])("refuses %j", (text) => {
    expect(parseEnkashTs(text).ok).toBe(false);
  });
});

describe("IST", () => {
  it("formats instants in IST", () => {
    expect(formatIst(new Date("2025-07-14T06:02:08Z"))).toBe("14 Jul 2025, 11:32:08 IST");
  });
  it("maps IST calendar days to instants and back", () => {
    expect(istDayStart("2025-07-14")?.toISOString()).toBe("2025-07-13T18:30:00.000Z");
    expect(istDay(new Date("2025-07-13T18:30:00Z"))).toBe("2025-07-14");
    expect(istDayStart("nope")).toBeNull();
  });
});
