/** Lab names: they prefix namespaces (lab.<lab>.<node>), containers and the state directory. */
export const LAB_NAME = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const LAB_NAME_MAX = 20;

/** Why a lab name cannot be used, or undefined when it can. */
export function labNameProblem(name: string): string | undefined {
  if (!LAB_NAME.test(name)) return 'a lab name starts with a letter and has only letters, digits, "-" and "_"';
  if (name.length > LAB_NAME_MAX) return `a lab name has at most ${LAB_NAME_MAX} characters`;
  return undefined;
}
