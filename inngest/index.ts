import { expirePaymentHold } from "./functions/expire-payment-hold";
import { generateMonthlyReports } from "./functions/generate-monthly-reports";
import { purgeExpiredData } from "./functions/purge-expired-data";
import { refreshFreeTimeIndex } from "./functions/refresh-free-time";
import { scheduleAppointmentReminder } from "./functions/schedule-appointment-reminder";
import { sendBookingConfirmation } from "./functions/send-booking-confirmation";
import { sendCancellationNotice } from "./functions/send-cancellation-notice";
import { sendLatePaymentRefundNotice } from "./functions/send-late-payment-refund-notice";
import { sendMonthlyReportEmail } from "./functions/send-monthly-report-email";
import { sendPaymentReceipt } from "./functions/send-payment-receipt";
import { sendRefundNotice } from "./functions/send-refund-notice";
import { sendReviewReplyNotice } from "./functions/send-review-reply-notice";
import { sendRescheduleNotice } from "./functions/send-reschedule-notice";
import { sendTwoFactorResetNotice } from "./functions/send-two-factor-reset-notice";
import { sendVerificationEmail } from "./functions/send-verification-email";
import { sendWalletEmail } from "./functions/send-wallet-email";
import { sweepOutbox } from "./functions/sweep-outbox";

export { inngest } from "./client";

/** Everything served at /api/inngest. */
export const functions = [
  sendBookingConfirmation,
  sendCancellationNotice,
  sendRescheduleNotice,
  scheduleAppointmentReminder,
  sendPaymentReceipt,
  sendRefundNotice,
  sendLatePaymentRefundNotice,
  expirePaymentHold,
  generateMonthlyReports,
  sendMonthlyReportEmail,
  sendVerificationEmail,
  sendTwoFactorResetNotice,
  sendReviewReplyNotice,
  sendWalletEmail,
  sweepOutbox,
  purgeExpiredData,
  refreshFreeTimeIndex,
];
