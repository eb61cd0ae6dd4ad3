/** What a front-desk booking or move says on the appointment page it lands on (known codes only). */
export const frontDeskNotices: Record<string, string> = {
  booked: "Booked for the patient. They have been emailed the details.",
  moved: "Moved to the new time. The patient has been emailed.",
};
