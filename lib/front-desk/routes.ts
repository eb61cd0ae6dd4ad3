import "server-only";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/vocabulary";
import { findPatientsForFrontDesk, patientForFrontDesk } from "./booking";

// The front-desk pages' reads: the query string's search, the path's patient
// (a 404 for anything but a bookable patient), never an error page.

type Query = Record<string, string | string[] | undefined>;

export function searchText(query: Query): string {
  const q = query.q;
  return typeof q === "string" ? q.slice(0, 100) : "";
}

export async function patientMatches(actor: Actor, query: Query) {
  const text = searchText(query);
  return { text, patients: text.trim() ? await findPatientsForFrontDesk(getDb(), actor, text) : [] };
}

export async function frontDeskPatientOr404(actor: Actor, patientId: string) {
  if (!z.uuid().safeParse(patientId).success) notFound();
  try {
    return await patientForFrontDesk(getDb(), actor, patientId);
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
}
