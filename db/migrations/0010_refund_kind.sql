CREATE TYPE "public"."refund_kind" AS ENUM('cancellation', 'manual', 'late_payment', 'outside_stripe');--> statement-breakpoint
ALTER TABLE "refunds" ADD COLUMN "kind" "refund_kind";--> statement-breakpoint
-- Existing refunds take the kind their reason text and the audit log show:
-- the two system texts, an admin's manual refund (audited with its refund id
-- in the same transaction), and otherwise the cancellation policy, the only
-- other writer of refunds.
UPDATE "refunds" SET "kind" = (CASE
  WHEN "requested_by_role" = 'system' AND "reason" = 'Paid after the held time ran out and the slot was taken: refunded in full automatically.' THEN 'late_payment'
  WHEN "requested_by_role" = 'system' AND "reason" = 'Refunded in Stripe, outside Careslot.' THEN 'outside_stripe'
  WHEN EXISTS (
    SELECT 1 FROM "audit_log" a
    WHERE a."action" = 'payment.refunded_manually' AND a."entity_type" = 'payment' AND a."entity_id" = "refunds"."payment_id"::text AND a."after"->>'refundId' = "refunds"."id"::text
  ) THEN 'manual'
  ELSE 'cancellation'
END)::"refund_kind";--> statement-breakpoint
ALTER TABLE "refunds" ALTER COLUMN "kind" SET NOT NULL;
