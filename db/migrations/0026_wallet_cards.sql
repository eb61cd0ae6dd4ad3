CREATE TYPE "public"."wallet_refund_status" AS ENUM('pending', 'succeeded', 'failed');--> statement-breakpoint
CREATE TYPE "public"."wallet_top_up_status" AS ENUM('pending', 'credited', 'mismatch', 'expired', 'failed');--> statement-breakpoint
CREATE TYPE "public"."wallet_withdrawal_status" AS ENUM('pending', 'settled');--> statement-breakpoint
ALTER TYPE "public"."ledger_account_kind" ADD VALUE 'pending_withdrawals';--> statement-breakpoint
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'withdrawal_settled';--> statement-breakpoint
ALTER TYPE "public"."ledger_transaction_kind" ADD VALUE 'withdrawal_returned';--> statement-breakpoint
CREATE TABLE "wallet_top_ups" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "wallet_top_up_status" DEFAULT 'pending' NOT NULL,
	"stripe_checkout_session_id" text,
	"stripe_payment_intent_id" text,
	"received_amount_minor" integer,
	"received_currency" text,
	"refunded_minor" integer DEFAULT 0 NOT NULL,
	"credited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_top_ups_amount_positive" CHECK ("wallet_top_ups"."amount_minor" > 0),
	CONSTRAINT "wallet_top_ups_currency_shape" CHECK ("wallet_top_ups"."currency" ~ '^[A-Z]{3}$'),
	CONSTRAINT "wallet_top_ups_refunded_within_amount" CHECK ("wallet_top_ups"."refunded_minor" between 0 and "wallet_top_ups"."amount_minor"),
	CONSTRAINT "wallet_top_ups_refunds_only_when_credited" CHECK ("wallet_top_ups"."refunded_minor" = 0 or "wallet_top_ups"."status" = 'credited')
);
--> statement-breakpoint
CREATE TABLE "wallet_withdrawal_refunds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"withdrawal_id" uuid NOT NULL,
	"top_up_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"status" "wallet_refund_status" DEFAULT 'pending' NOT NULL,
	"stripe_refund_id" text,
	"send_claimed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_withdrawal_refunds_amount_positive" CHECK ("wallet_withdrawal_refunds"."amount_minor" > 0)
);
--> statement-breakpoint
CREATE TABLE "wallet_withdrawals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"patient_id" uuid NOT NULL,
	"amount_minor" integer NOT NULL,
	"currency" text NOT NULL,
	"status" "wallet_withdrawal_status" DEFAULT 'pending' NOT NULL,
	"settled_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "wallet_withdrawals_amount_positive" CHECK ("wallet_withdrawals"."amount_minor" > 0),
	CONSTRAINT "wallet_withdrawals_currency_shape" CHECK ("wallet_withdrawals"."currency" ~ '^[A-Z]{3}$')
);
--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD COLUMN "top_up_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD COLUMN "withdrawal_id" uuid;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD COLUMN "withdrawal_refund_id" uuid;--> statement-breakpoint
ALTER TABLE "wallet_top_ups" ADD CONSTRAINT "wallet_top_ups_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_withdrawal_refunds" ADD CONSTRAINT "wallet_withdrawal_refunds_withdrawal_id_wallet_withdrawals_id_fk" FOREIGN KEY ("withdrawal_id") REFERENCES "public"."wallet_withdrawals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_withdrawal_refunds" ADD CONSTRAINT "wallet_withdrawal_refunds_top_up_id_wallet_top_ups_id_fk" FOREIGN KEY ("top_up_id") REFERENCES "public"."wallet_top_ups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wallet_withdrawals" ADD CONSTRAINT "wallet_withdrawals_patient_id_users_id_fk" FOREIGN KEY ("patient_id") REFERENCES "public"."users"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "wallet_top_ups_patient_idx" ON "wallet_top_ups" USING btree ("patient_id","currency","credited_at");--> statement-breakpoint
CREATE INDEX "wallet_top_ups_status_idx" ON "wallet_top_ups" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_top_ups_stripe_session_key" ON "wallet_top_ups" USING btree ("stripe_checkout_session_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_top_ups_stripe_intent_key" ON "wallet_top_ups" USING btree ("stripe_payment_intent_id");--> statement-breakpoint
CREATE INDEX "wallet_withdrawal_refunds_withdrawal_idx" ON "wallet_withdrawal_refunds" USING btree ("withdrawal_id");--> statement-breakpoint
CREATE INDEX "wallet_withdrawal_refunds_top_up_idx" ON "wallet_withdrawal_refunds" USING btree ("top_up_id");--> statement-breakpoint
CREATE UNIQUE INDEX "wallet_withdrawal_refunds_stripe_key" ON "wallet_withdrawal_refunds" USING btree ("stripe_refund_id");--> statement-breakpoint
CREATE INDEX "wallet_withdrawals_patient_idx" ON "wallet_withdrawals" USING btree ("patient_id","created_at");--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_top_up_id_wallet_top_ups_id_fk" FOREIGN KEY ("top_up_id") REFERENCES "public"."wallet_top_ups"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_withdrawal_id_wallet_withdrawals_id_fk" FOREIGN KEY ("withdrawal_id") REFERENCES "public"."wallet_withdrawals"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ledger_transactions" ADD CONSTRAINT "ledger_transactions_withdrawal_refund_id_wallet_withdrawal_refunds_id_fk" FOREIGN KEY ("withdrawal_refund_id") REFERENCES "public"."wallet_withdrawal_refunds"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ledger_transactions_top_up_idx" ON "ledger_transactions" USING btree ("top_up_id");--> statement-breakpoint
CREATE INDEX "ledger_transactions_withdrawal_idx" ON "ledger_transactions" USING btree ("withdrawal_id");