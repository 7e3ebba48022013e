/** The oldest Node.js the commands run on: `require(esm)` and the REPL and test APIs they use arrived in 20.19. */
export const MINIMUM_NODE = "20.19.0";

/**
 * One line saying which Node.js a command needs, when `version` is older; undefined when it is new enough.
 * Written for any Node.js: the commands check before they load anything else.
 * @example nodeVersionProblem("18.20.4", "ti-console") // "ti-console needs Node.js 20.19.0 or newer …"
 */
export function nodeVersionProblem(version: string, command: string): string | undefined {
  const [major = 0, minor = 0] = version.split(".").map(Number);
  const [needMajor = 0, needMinor = 0] = MINIMUM_NODE.split(".").map(Number);
  if (major > needMajor || (major === needMajor && minor >= needMinor)) return undefined;
  return `${command} needs Node.js ${MINIMUM_NODE} or newer (the supported LTS lines are 22, 24 and 26); this is Node.js ${version}.`;
}

/**
 * Exits with that line on stderr (status 1) when this Node.js is too old.
 * @example requireNode("ti-emulator")
 */
export function requireNode(command: string): void {
  const problem = nodeVersionProblem(process.versions.node, command);
  if (problem === undefined) return;
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
