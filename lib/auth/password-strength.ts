import "server-only";
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import * as common from "@zxcvbn-ts/language-common";
import * as english from "@zxcvbn-ts/language-en";
import { AppError } from "@/lib/errors";

// Beyond the length rule every form checks (password-policy.ts), the server
// refuses passwords that are easy to guess: digits only, built from the
// user's own name or email address, or common (zxcvbn-ts, its dictionaries
// bundled: nothing leaves the server). The dictionaries are large, so this
// runs on the server only.

let estimator: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...english.dictionary },
    graphs: common.adjacencyGraphs,
    translations: english.translations,
  });
  return estimator;
}

/** The parts of a name and an email address a guesser would try first. */
function personalWords(owner: { fullName?: string; email?: string }): string[] {
  const local = owner.email?.split("@")[0] ?? "";
  const words = [owner.fullName ?? "", local, ...(owner.fullName ?? "").split(/\s+/), ...local.split(/[._+-]+/)];
  return [...new Set(words.map((word) => word.trim().toLowerCase()).filter((word) => word.length >= 3))];
}

/** How much of the password is spelled by the user's own words (case ignored): 0 to 1. */
function personalShare(password: string, words: string[]): number {
  const text = password.toLowerCase();
  const covered = new Array<boolean>(text.length).fill(false);
  for (const word of words) {
    for (let at = text.indexOf(word); at !== -1; at = text.indexOf(word, at + 1)) covered.fill(true, at, at + word.length);
  }
  return covered.filter(Boolean).length / text.length;
}

/** Why a password is too easy to guess, in words for the form; null when it is fine. */
export function passwordWeakness(password: string, owner: { fullName?: string; email?: string }): string | null {
  if (/^[\d\s]+$/.test(password)) return "Use letters too: a password of digits only is among the first things tried.";
  const words = personalWords(owner);
  if (personalShare(password, words) >= 0.4) return "This is too close to your name or email address. Choose words unrelated to you.";
  const result = zxcvbn().check(password, words);
  if (result.score < 3) {
    const warning = result.feedback.warning;
    return `${warning ? `${warning} ` : "This password is too easy to guess. "}Try a longer phrase of three or four unrelated words.`;
  }
  return null;
}

/** Refuses a weak password as the form's field error (`field`: the form's name for it). */
export function assertStrongPassword(password: string, owner: { fullName?: string; email?: string }, field = "password"): void {
  const weakness = passwordWeakness(password, owner);
  if (weakness) throw new AppError("invalid_input", "Please choose a stronger password.", { [field]: [weakness] });
}
