import { notFound } from "next/navigation";
import { NotFoundError } from "@/lib/errors";

/** Runs a lookup; a NotFoundError (missing, or not the person's to see) renders the 404 page. */
export async function orNotFound<T>(load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (err) {
    if (err instanceof NotFoundError) notFound();
    throw err;
  }
}
