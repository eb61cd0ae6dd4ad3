import nextVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTypescript,
  // Test files and their kits hold no React: use* helpers there (useTestDb) register vitest hooks.
  { files: ["**/*.test.ts", "tests/**/*.ts", "**/testing/**/*.ts", "**/test-helpers.ts"], rules: { "react-hooks/rules-of-hooks": "off" } },
  {
    ignores: [
      ".h*-shots*",
      ".scratch*/**",
      ".next*/**",
      ".data/**",
      "node_modules/**",
      "db/migrations/**",
      "lib/api/client/schema.ts",
      "playwright-report/**",
      "test-results/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
