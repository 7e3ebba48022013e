/**
 * The alert definition Id named by an `AlertDefinition@odata.bind` or `@odata.id` value: `AlertDefinitions(1)`, a
 * full URL ending so, or the plural spelling of the earliest docs. Undefined when it names none.
 * @example parseAlertDefinitionRef("https://ti.securitycenter.windows.com/v1.0/AlertDefinitions(6)") // 6
 */
export function parseAlertDefinitionRef(ref: unknown): number | undefined {
  if (typeof ref !== "string") return undefined;
  const match = /(?:^|\/)AlertDefinitions\((\d{1,10})\)$/i.exec(ref.trim());
  if (!match) return undefined;
  const id = Number(match[1]);
  return Number.isSafeInteger(id) && id > 0 ? id : undefined;
}

/**
 * The bind value for an alert definition Id, in the documented relative form.
 * @example alertDefinitionRef(1) // "AlertDefinitions(1)"
 */
export function alertDefinitionRef(id: number): string {
  return `AlertDefinitions(${id})`;
}
