import type { Operation } from "../operation";
import { adminOperations } from "./admin";
import { appointmentOperations } from "./appointments";
import { authOperations } from "./auth";
import { meOperations } from "./me";
import { practiceOperations } from "./practice";
import { publicOperations } from "./public";

/** Every operation of the API, in the order the document lists them. */
export const allOperations: Operation[] = [
  ...authOperations,
  ...publicOperations,
  ...meOperations,
  ...appointmentOperations,
  ...practiceOperations,
  ...adminOperations,
];
