// Every /api/v1 route module by its OpenAPI path: the test client's router,
// and what the authorisation matrix walks. tests/api/contract.test.ts fails
// on a route file or an operation missing here.
import * as token from "@/app/api/v1/auth/token/route";
import * as revoke from "@/app/api/v1/auth/revoke/route";
import * as document from "@/app/api/v1/openapi.json/route";
import * as specializations from "@/app/api/v1/specializations/route";
import * as doctors from "@/app/api/v1/doctors/route";
import * as doctor from "@/app/api/v1/doctors/[id]/route";
import * as doctorSlots from "@/app/api/v1/doctors/[id]/slots/route";
import * as me from "@/app/api/v1/me/route";
import * as mePassword from "@/app/api/v1/me/password/route";
import * as meReviews from "@/app/api/v1/me/reviews/route";
import * as appointments from "@/app/api/v1/appointments/route";
import * as appointment from "@/app/api/v1/appointments/[id]/route";
import * as cancel from "@/app/api/v1/appointments/[id]/cancel/route";
import * as reschedule from "@/app/api/v1/appointments/[id]/reschedule/route";
import * as status from "@/app/api/v1/appointments/[id]/status/route";
import * as review from "@/app/api/v1/appointments/[id]/review/route";
import * as schedule from "@/app/api/v1/schedule/route";
import * as availability from "@/app/api/v1/availability/route";
import * as rules from "@/app/api/v1/availability/rules/route";
import * as overrides from "@/app/api/v1/availability/overrides/route";
import * as override from "@/app/api/v1/availability/overrides/[id]/route";
import * as patients from "@/app/api/v1/patients/route";
import * as patient from "@/app/api/v1/patients/[id]/route";
import * as users from "@/app/api/v1/users/route";
import * as userRole from "@/app/api/v1/users/[id]/role/route";
import * as userActive from "@/app/api/v1/users/[id]/active/route";
import * as reports from "@/app/api/v1/reports/route";
import * as statistics from "@/app/api/v1/statistics/route";

type Handler = (request: Request, context: { params: Promise<Record<string, string>> }) => Promise<Response> | Response;
export type RouteModule = Partial<Record<"GET" | "POST" | "PATCH" | "PUT" | "DELETE" | "OPTIONS", Handler>>;

export const apiRoutes: Record<string, RouteModule> = {
  "/auth/token": token,
  "/auth/revoke": revoke,
  "/openapi.json": document as RouteModule,
  "/specializations": specializations,
  "/doctors": doctors,
  "/doctors/{id}": doctor,
  "/doctors/{id}/slots": doctorSlots,
  "/me": me,
  "/me/password": mePassword,
  "/me/reviews": meReviews,
  "/appointments": appointments,
  "/appointments/{id}": appointment,
  "/appointments/{id}/cancel": cancel,
  "/appointments/{id}/reschedule": reschedule,
  "/appointments/{id}/status": status,
  "/appointments/{id}/review": review,
  "/schedule": schedule,
  "/availability": availability,
  "/availability/rules": rules,
  "/availability/overrides": overrides,
  "/availability/overrides/{id}": override,
  "/patients": patients,
  "/patients/{id}": patient,
  "/users": users,
  "/users/{id}/role": userRole,
  "/users/{id}/active": userActive,
  "/reports": reports,
  "/statistics": statistics,
};
