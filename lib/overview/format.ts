// How the overview writes a rate; shared by the server page and the client chart.

/** "9.7%" for 0.097; "–" when there is nothing to divide (no payments). */
export function formatRate(rate: number | null | undefined): string {
  return rate === null || rate === undefined ? "–" : `${(rate * 100).toFixed(1)}%`;
}
