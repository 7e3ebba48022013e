import type { AlertDefinitionInput, IocInput } from "./entities.js";

/**
 * The alert definition of the docs' Python and PowerShell walkthroughs (step 4), so that the emulator's sample
 * data, the console's `.walkthrough` and the tests all match what a trainee reads.
 */
export const DOCS_ALERT_DEFINITION = {
  Name: "The alert's name",
  Severity: "Low",
  InternalDescription: "An internal description of the Alert",
  Title: "The Title",
  UxDescription: "Description of the alerts",
  RecommendedAction: "The alert's recommended action",
  Category: "Trojan",
  Enabled: true,
} as const satisfies AlertDefinitionInput;

/** The SHA-1 IOC of the same walkthroughs (step 5), without its `AlertDefinition@odata.bind`. */
export const DOCS_IOC = {
  Type: "Sha1",
  Value: "dead1111eeaabbccddeeaabbccddee11ffffffff",
  DetectionFunction: "Equals",
  Enabled: true,
} as const satisfies IocInput;
