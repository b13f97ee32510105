// Crash-safe keyfile writes: the bytes go to a 0600 temp file beside the target, are synced, then renamed
// (or hard-linked, when overwriting is not allowed) into place, so a reader sees the old key or the new one.

import { randomBytes } from "node:crypto";
import { constants } from "node:fs";
import { chmod, link, mkdir, open, rename, stat, unlink } from "node:fs/promises";
import { basename, dirname, join, resolve } from "node:path";
import { KeyfileError } from "./errors.ts";

export const FILE_MODE = 0o600;
export const DIR_MODE = 0o700;

/** Prefix of in-flight temp files; readers and listings skip names that start with it. */
export const TEMP_PREFIX = ".tmp-";

function errnoOf(e: unknown): string | undefined {
  return (e as NodeJS.ErrnoException | undefined)?.code;
}

/** Creates `dir` and any missing parents; the directories this call creates get mode 0700. */
export async function ensureDir(dir: string): Promise<void> {
  const target = resolve(dir);
  let first: string | undefined;
  try {
    first = await mkdir(target, { recursive: true, mode: DIR_MODE });
  } catch (e) {
    throw new KeyfileError("Io", target, `cannot create directory (${errnoOf(e) ?? String(e)})`, {
      cause: e,
    });
  }
  if (first === undefined) return;
  // mkdir's mode is filtered by the umask; set it exactly on each directory created here.
  for (let d = target; ; d = dirname(d)) {
    await chmod(d, DIR_MODE);
    if (d === first || dirname(d) === d) break;
  }
}

export async function pathExists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (errnoOf(e) === "ENOENT") return false;
    throw new KeyfileError("Io", path, `cannot stat (${errnoOf(e) ?? String(e)})`, { cause: e });
  }
}

export interface AtomicWriteOptions {
  overwrite: boolean;
  /** Test seam: runs after the temp file is complete and before it is moved into place. */
  beforeCommit?: () => void | Promise<void>;
}

/**
 * Writes `data` to `path` with mode 0600. Without `overwrite`, an existing file is never replaced, even one
 * created concurrently (the final step is an atomic `link`, which fails if the name exists).
 */
export async function writeFileAtomic(
  path: string,
  data: Uint8Array,
  options: AtomicWriteOptions,
): Promise<void> {
  const target = resolve(path);
  const dir = dirname(target);
  await ensureDir(dir);
  if (!options.overwrite && (await pathExists(target))) {
    throw new KeyfileError(
      "AlreadyExists",
      target,
      "keyfile already exists (pass overwrite: true to replace it)",
    );
  }
  const temp = join(dir, `${TEMP_PREFIX}${basename(target)}-${randomBytes(6).toString("hex")}`);
  try {
    const handle = await open(temp, constants.O_CREAT | constants.O_EXCL | constants.O_WRONLY, FILE_MODE);
    try {
      await handle.chmod(FILE_MODE);
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await options.beforeCommit?.();
    if (options.overwrite) {
      await rename(temp, target);
    } else {
      try {
        await link(temp, target);
      } catch (e) {
        if (errnoOf(e) === "EEXIST") {
          throw new KeyfileError(
            "AlreadyExists",
            target,
            "keyfile already exists (pass overwrite: true to replace it)",
          );
        }
        // Filesystems without hard links: fall back to a checked rename (a tiny race, no partial file).
        if (await pathExists(target)) {
          throw new KeyfileError(
            "AlreadyExists",
            target,
            "keyfile already exists (pass overwrite: true to replace it)",
          );
        }
        await rename(temp, target);
      }
    }
    await syncDir(dir);
  } catch (e) {
    if (e instanceof KeyfileError) throw e;
    throw new KeyfileError("Io", target, `cannot write keyfile (${errnoOf(e) ?? String(e)})`, { cause: e });
  } finally {
    // After a rename the temp name is gone; after a link (or any failure) it must be removed.
    await unlink(temp).catch(() => undefined);
  }
}

async function syncDir(dir: string): Promise<void> {
  // Makes the rename durable; not every platform can fsync a directory, which is not an error.
  try {
    const handle = await open(dir, constants.O_RDONLY);
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // best effort
  }
}
