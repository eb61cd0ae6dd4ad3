export * from "./users";
export * from "./profiles";
export * from "./availability";
export * from "./appointments";
export * from "./messaging";
export * from "./audit";
export * from "./settings";
export * from "./notes";
