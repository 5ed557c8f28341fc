import { describe, expect, it } from "vitest";
import { dayRanges, formatIst, isTrustedTs, istDay, istDayEnd, istDayStart, parseEnkashTs } from "./time";

const instantOf = (ts: string) => {
  const parsed = parseEnkashTs(ts);
  return parsed.ok ? parsed.instant.toISOString() : null;
};

describe("parseEnkashTs", () => {
  it("reads ISO-8601 with an offset", () => {
    const ts = parseEnkashTs("2025-07-14T11:32:08+05:30");
    expect(ts).toMatchObject({ ok: true, assumedIst: false });
    expect(instantOf("2025-07-14T11:32:08+05:30")).toBe("2025-07-14T06:02:08.000Z");
    expect(instantOf("2025-07-14T06:02:08.5Z")).toBe("2025-07-14T06:02:08.500Z");
    expect(instantOf("2025-07-14T11:32:08+0530")).toBe("2025-07-14T06:02:08.000Z");
  });

  it("assumes IST when there is no offset", () => {
    const ts = parseEnkashTs("2025-07-14 11:32:08");
    expect(ts.ok && ts.assumedIst && ts.instant.toISOString()).toBe("2025-07-14T06:02:08.000Z");
  });

  it("reads epoch seconds as seconds and epoch milliseconds as milliseconds", () => {
    expect(instantOf("1752473528")).toBe("2025-07-14T06:12:08.000Z");
    expect(instantOf("1752473528123")).toBe("2025-07-14T06:12:08.123Z");
  });

  it.each([
    ["14-07-2025 11:32:08", "2025-07-14T06:02:08.000Z"],
    ["14/07/2025 11:32:08", "2025-07-14T06:02:08.000Z"],
    ["14-07-2025 11:32", "2025-07-14T06:02:00.000Z"],
    ["14/07/2025 00:05", "2025-07-13T18:35:00.000Z"],
    ["01/02/2025 10:00:00", "2025-02-01T04:30:00.000Z"],
  ])("reads the Indian day-first form %j as IST", (text, iso) => {
    expect(instantOf(text)).toBe(iso);
    expect(parseEnkashTs(text)).toMatchObject({ assumedIst: true });
  });

  it.each(["string", "", "2025-02-30T10:00:00Z", "30-02-2025 10:00", "14/07/2025", "2025-13-01T00:00:00Z", "2025-07-14T24:10:00Z", "14-07/2025 10:00", "2025-07-14T10:00:00+25:00"])(
    "refuses %j",
    (text) => {
      expect(parseEnkashTs(text).ok).toBe(false);
    },
  );
});

describe("trusting a ts for ordering", () => {
  it("trusts a ts up to ten minutes ahead of receipt, not further", () => {
    const received = new Date("2025-07-14T06:00:00Z");
    expect(isTrustedTs(new Date("2025-07-14T06:10:00Z"), received)).toBe(true);
    expect(isTrustedTs(new Date("2025-07-14T06:10:01Z"), received)).toBe(false);
    expect(isTrustedTs(new Date("2020-01-01T00:00:00Z"), received)).toBe(true);
  });
});

describe("IST formatting", () => {
  it.each([
    ["2025-07-13T18:30:00Z", "14 Jul 2025, 00:00:00 IST"],
    ["2025-07-13T18:45:00Z", "14 Jul 2025, 00:15:00 IST"],
    ["2025-07-13T19:29:59Z", "14 Jul 2025, 00:59:59 IST"],
    ["2025-07-14T06:30:00Z", "14 Jul 2025, 12:00:00 IST"],
    ["2025-07-14T18:29:00Z", "14 Jul 2025, 23:59:00 IST"],
  ])("%s is %s: the hour after midnight is 00, never 24", (utc, ist) => {
    expect(formatIst(new Date(utc))).toBe(ist);
  });

  it("abbreviates every month in three letters, September included", () => {
    const months = Array.from({ length: 12 }, (_, m) => formatIst(new Date(Date.UTC(2025, m, 10, 6))).slice(3, 6));
    expect(months).toEqual(["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]);
    expect(formatIst(new Date("2025-09-13T18:45:00Z"), { suffix: false })).toBe("14 Sep 2025, 00:15:00");
  });

  it("maps IST calendar days to instants and back, refusing impossible dates", () => {
    expect(istDayStart("2025-07-14")?.toISOString()).toBe("2025-07-13T18:30:00.000Z");
    expect(istDayEnd("2025-07-14")?.toISOString()).toBe("2025-07-14T18:30:00.000Z");
    expect(istDay(new Date("2025-07-13T18:30:00Z"))).toBe("2025-07-14");
    expect(istDayStart("nope")).toBeNull();
    expect(istDayStart("2025-02-30")).toBeNull();
    expect(istDayStart("2024-02-29")?.toISOString()).toBe("2024-02-28T18:30:00.000Z");
  });
});

describe("date shortcuts", () => {
  const ranges = (iso: string) => Object.fromEntries(dayRanges(new Date(iso)).map((r) => [r.label, [r.from, r.to]]));

  it("are IST calendar days: 20:00 UTC on 31 March is already 1 April in India, a new financial year", () => {
    const r = ranges("2026-03-31T20:00:00Z");
    expect(r.Today).toEqual(["2026-04-01", "2026-04-01"]);
    expect(r.Yesterday).toEqual(["2026-03-31", "2026-03-31"]);
    expect(r["This month"]).toEqual(["2026-04-01", "2026-04-01"]);
    expect(r["Last month"]).toEqual(["2026-03-01", "2026-03-31"]);
    expect(r["FY 2026–27"]).toEqual(["2026-04-01", "2026-04-01"]);
  });

  it("weeks start on Monday, last month crosses a year, and January to March belong to the previous financial year", () => {
    const r = ranges("2027-01-03T06:00:00Z"); // a Sunday
    expect(r["This week"]).toEqual(["2026-12-28", "2027-01-03"]);
    expect(r["Last month"]).toEqual(["2026-12-01", "2026-12-31"]);
    expect(r["FY 2026–27"]).toEqual(["2026-04-01", "2027-01-03"]);
    expect(ranges("2028-03-01T06:00:00Z")["Last month"]).toEqual(["2028-02-01", "2028-02-29"]);
  });
});
