// The header each role sees, rendered as the server renders it.
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { SiteHeader } from "@/components/layout/site-header";
import { admin, finance, support } from "./support/viewers";

const render = (...args: Parameters<typeof SiteHeader>) => renderToStaticMarkup(SiteHeader(...args));

describe("the site header", () => {
  it("warns administrators, and only them, while WEBHOOK_AUTH=off", () => {
    expect(render({ viewer: admin, webhookAuthOff: true })).toContain("WEBHOOK_AUTH=off");
    expect(render({ viewer: admin, webhookAuthOff: false })).not.toContain("WEBHOOK_AUTH=off");
    expect(render({ viewer: finance, webhookAuthOff: true })).not.toContain("WEBHOOK_AUTH=off");
  });

  it("links each role only to what it may open, and nothing before sign-in", () => {
    const links = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]);
    expect(links(render({ viewer: support, webhookAuthOff: false }))).toEqual(["/", "/payments/lookup", "/deliveries"]);
    expect(links(render({ viewer: finance, webhookAuthOff: false }))).toEqual(["/", "/overview", "/payments", "/payments?result=failure", "/suppliers", "/buyers", "/signals", "/invoices", "/statements", "/payments/lookup", "/deliveries"]);
    expect(links(render({ viewer: admin, webhookAuthOff: false }))).toEqual(expect.arrayContaining(["/admin/users", "/admin/error-codes"]));
    expect(links(render({ viewer: null, webhookAuthOff: true }))).toEqual([]);
  });
});
