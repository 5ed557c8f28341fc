// What the app keeps for itself in the AppSetting table: generated secrets, the setup token, which
// masking rules the stored data has had. One place for the reads and writes of that table.
import "server-only";
import { prisma } from "./db";
import { isUniqueViolation } from "./ingest/errors";

export async function readSetting(key: string): Promise<string | null> {
  return (await prisma.appSetting.findUnique({ where: { key } }))?.value ?? null;
}

export async function writeSetting(key: string, value: string): Promise<void> {
  await prisma.appSetting.upsert({ where: { key }, create: { key, value }, update: { value } });
}

export async function deleteSetting(key: string): Promise<void> {
  await prisma.appSetting.deleteMany({ where: { key } });
}

/** The setting, created with `initial()` if missing; concurrent instances agree on one value. */
export async function settingOrCreate(key: string, initial: () => string): Promise<{ value: string; created: boolean }> {
  const found = await readSetting(key);
  if (found !== null) return { value: found, created: false };
  try {
    const created = await prisma.appSetting.create({ data: { key, value: initial() } });
    return { value: created.value, created: true };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return { value: (await readSetting(key))!, created: false };
  }
}
