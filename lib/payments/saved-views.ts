// Saved views: a name for a set of list filters, kept for its owner or shared with the team.
// A view stores the list's canonical query string (never a page number), so opening it is
// opening a link; filters that cannot be read are refused when saving.
import "server-only";
import { z } from "zod";
import { authorize, type Viewer } from "../auth/access";
import { auditAs } from "../auth/audit";
import { prisma, readPrisma } from "../db";
import { UserError } from "../auth/users";
import { listHref, readListQuery } from "./list-params";

export interface SavedViewEntry {
  id: number;
  name: string;
  href: string;
  shared: boolean;
  mine: boolean;
  ownerName: string;
  /** Whether this viewer may delete it: their own, or any shared one for an admin. */
  deletable: boolean;
}

const MAX_VIEWS = 200;

/** The viewer's own views and those shared by others, by name. */
export async function listSavedViews(viewer: Viewer): Promise<SavedViewEntry[]> {
  authorize(viewer, "payments:browse");
  const rows = await readPrisma.savedView.findMany({
    where: { OR: [{ ownerId: viewer.userId }, { shared: true }] },
    orderBy: [{ name: "asc" }, { id: "asc" }],
    take: MAX_VIEWS,
    select: { id: true, name: true, query: true, shared: true, ownerId: true, owner: { select: { name: true } } },
  });
  return rows.map((r) => {
    const mine = r.ownerId === viewer.userId;
    return {
      id: r.id,
      name: r.name,
      href: r.query ? `/payments?${r.query}` : "/payments",
      shared: r.shared,
      mine,
      ownerName: r.owner.name,
      deletable: mine || (r.shared && viewer.role === "admin"),
    };
  });
}

const saveSchema = z.object({
  name: z.string().trim().min(1, { error: "Give the view a name." }).max(60, { error: "A view's name is at most 60 characters." }),
  query: z.string().max(2_000),
  shared: z.boolean(),
});

/**
 * Saves the list state `query` (a /payments query string) under `name`; saving again under the
 * same name replaces the viewer's own view of that name.
 */
export async function saveView(viewer: Viewer, input: { name: string; query: string; shared: boolean }): Promise<{ id: number; replaced: boolean }> {
  authorize(viewer, "payments:browse");
  const { name, query, shared } = saveSchema.parse(input);
  const { params, errors } = readListQuery(Object.fromEntries(new URLSearchParams(query.replace(/^\?/, ""))));
  const problem = Object.entries(errors)[0];
  if (problem) throw new UserError(`The ${problem[0]} filter ${problem[1]}: fix it before saving the view.`);
  const canonical = listHref(params, { page: 1 }).split("?")[1] ?? "";
  const existing = await prisma.savedView.findUnique({ where: { ownerId_name: { ownerId: viewer.userId, name } }, select: { id: true } });
  const row = await prisma.savedView.upsert({
    where: { ownerId_name: { ownerId: viewer.userId, name } },
    create: { name, query: canonical, shared, ownerId: viewer.userId },
    update: { query: canonical, shared },
    select: { id: true },
  });
  await auditAs(viewer, "view.save", String(row.id), { name, query: canonical, shared, replaced: existing !== null });
  return { id: row.id, replaced: existing !== null };
}

export async function deleteView(viewer: Viewer, id: number): Promise<void> {
  authorize(viewer, "payments:browse");
  const view = await prisma.savedView.findUnique({ where: { id }, select: { id: true, name: true, ownerId: true, shared: true } });
  const allowed = view && (view.ownerId === viewer.userId || (view.shared && viewer.role === "admin"));
  if (!view || !allowed) throw new UserError("That view is not yours to delete.");
  await prisma.savedView.delete({ where: { id } });
  await auditAs(viewer, "view.delete", String(id), { name: view.name });
}
