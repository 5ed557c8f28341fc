// Saved views (issue 11): personal and shared, canonical queries, unreadable filters refused,
// who may delete what, and the audit trail.
import { beforeAll, describe, expect, it } from "vitest";
import { prisma } from "@/lib/db";
import { deleteView, listSavedViews, saveView } from "@/lib/payments/saved-views";
import { viewerFor } from "./support/viewers";

const alice = { ...viewerFor("finance"), userId: "sv-alice", name: "Alice" };
const bob = { ...viewerFor("finance"), userId: "sv-bob", name: "Bob" };
const boss = { ...viewerFor("admin"), userId: "sv-admin", name: "Admin" };
const helpdesk = { ...viewerFor("support"), userId: "sv-support", name: "Helpdesk" };

beforeAll(async () => {
  for (const v of [alice, bob, boss, helpdesk]) {
    await prisma.user.create({ data: { id: v.userId, name: v.name, email: `${v.userId}@payments-desk.test`, role: v.role } });
  }
});

describe("saved views", () => {
  it("keeps a personal view for its owner and a shared one for everyone, in canonical form", async () => {
    await saveView(alice, { name: "My failures", query: "?result=FAILURE&page=7&mode=&from=2026-04-01", shared: false });
    await saveView(alice, { name: "Team NEFT", query: "mode=NEFT&sort=amount", shared: true });
    const mine = await listSavedViews(alice);
    expect(mine.map((v) => [v.name, v.href, v.mine, v.shared])).toEqual([
      ["My failures", "/payments?result=failure&from=2026-04-01", true, false],
      ["Team NEFT", "/payments?sort=amount&mode=NEFT", true, true],
    ]);
    const bobs = await listSavedViews(bob);
    expect(bobs.map((v) => [v.name, v.mine, v.ownerName, v.deletable])).toEqual([["Team NEFT", false, "Alice", false]]);
  });

  it("replaces a view saved again under the same name, and refuses unreadable filters and empty names", async () => {
    const again = await saveView(alice, { name: "My failures", query: "result=failure&errorCd=E2001", shared: false });
    expect(again.replaced).toBe(true);
    expect((await listSavedViews(alice)).find((v) => v.name === "My failures")!.href).toBe("/payments?result=failure&errorCd=E2001");
    await expect(saveView(alice, { name: "Broken", query: "from=2026-02-30", shared: false })).rejects.toThrow(/from filter is not a real calendar date/);
    await expect(saveView(alice, { name: "   ", query: "", shared: false })).rejects.toThrow(/Give the view a name/);
    await expect(saveView(helpdesk, { name: "Nope", query: "", shared: true })).rejects.toThrow(/access denied/);
  });

  it("lets owners delete their views and admins delete shared ones, and audits both", async () => {
    const shared = (await listSavedViews(bob)).find((v) => v.name === "Team NEFT")!;
    await expect(deleteView(bob, shared.id)).rejects.toThrow(/not yours/);
    expect((await listSavedViews(boss)).find((v) => v.id === shared.id)!.deletable).toBe(true);
    await deleteView(boss, shared.id);
    const personal = (await listSavedViews(alice)).find((v) => v.name === "My failures")!;
    await expect(deleteView(boss, personal.id)).rejects.toThrow(/not yours/);
    await deleteView(alice, personal.id);
    expect(await listSavedViews(alice)).toEqual([]);
    const audit = await prisma.auditEvent.findMany({ where: { action: { startsWith: "view." } }, orderBy: { id: "asc" }, select: { action: true, actorEmail: true } });
    expect(audit.map((a) => a.action)).toEqual(["view.save", "view.save", "view.save", "view.delete", "view.delete"]);
  });
});
