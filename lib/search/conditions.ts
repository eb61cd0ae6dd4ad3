// What patients type into "Specialty, doctor or condition" when they do not
// know the specialty's name: common complaints and plain words, each mapped to
// the specialization that treats it. Matched whole, without case or accents.

const CONDITIONS: Record<string, readonly string[]> = {
  cardiology: ["heart", "chest pain", "palpitations", "blood pressure", "hypertension", "cholesterol", "arrhythmia", "cardiologist"],
  dermatology: ["skin", "rash", "acne", "eczema", "psoriasis", "mole", "moles", "dermatologist"],
  pediatrics: ["child", "children", "baby", "kids", "fever in children", "paediatrics", "pediatrician", "paediatrician"],
  dentistry: ["tooth", "teeth", "toothache", "dentist", "gums", "filling"],
  optometry: ["eyes", "eye test", "vision", "glasses", "contact lenses", "blurry vision", "optician"],
  audiology: ["hearing", "ears", "tinnitus", "hearing aid", "hearing loss"],
  physiotherapy: ["back pain", "sports injury", "rehabilitation", "physio", "physiotherapist", "knee pain"],
  chiropractic: ["chiropractor", "spine", "neck pain"],
  "mental-health": ["anxiety", "depression", "stress", "therapy", "therapist", "psychologist", "burnout", "insomnia"],
  "general-medicine": ["gp", "general practitioner", "family doctor", "flu", "cold", "cough", "check-up", "checkup"],
};

const fold = (text: string) =>
  text
    .normalize("NFD")
    .replace(/\p{Diacritic}/gu, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();

const BY_TERM = new Map(Object.entries(CONDITIONS).flatMap(([slug, terms]) => terms.map((term) => [fold(term), slug] as const)));

/**
 * The specialization a search box's text names: a specialization's own name
 * or slug ("cardiology", "Mental Health"), or a condition it treats ("rash").
 * Anything else is left to the doctor-name search.
 */
export function specializationNamedBy<S extends { slug: string; name: string }>(text: string, specializations: readonly S[]): S | undefined {
  const folded = fold(text);
  const own = specializations.find((s) => fold(s.name) === folded || s.slug === folded);
  if (own) return own;
  const slug = BY_TERM.get(folded);
  return slug ? specializations.find((s) => s.slug === slug) : undefined;
}
