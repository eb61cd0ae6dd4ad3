// The shortest password accepted, shared by the forms (browser) and ./password-policy
// (server). Kept apart from the zod schema so a form never downloads zod for a number.
export const PASSWORD_MIN_LENGTH = 12;
