/**
 * Whether a Python file imports a module that writes pickles a later version of the code may read
 * (`pickle`, `cPickle`, `shelve`, `copyreg`, `dill`, `cloudpickle`, `joblib`): the Python dataclass codemods
 * leave alone what would change an instance's pickled state, since a pickle written before the change would
 * then load wrongly or not at all. `multiprocessing` is left out: its pickles live only between processes of
 * the same code.
 */

/** The modules that write pickles a later version of the code may read. */
export const PICKLER_MODULES: readonly string[] = ['pickle', '_pickle', 'cPickle', 'shelve', 'copyreg', 'dill', 'cloudpickle', 'joblib'];

const PICKLERS = new RegExp(`^[ \\t]*(?:import|from)[ \\t]+(${PICKLER_MODULES.join('|')})\\b`, 'mu');

/**
 * The file's first import of a pickler, as a reason names it (`path:line imports \`pickle\``), or null.
 * `path` is the file's project path; `text` its text.
 * @complexity O(length of the text).
 */
export function picklerImport(path: string, text: string): string | null {
  const match = PICKLERS.exec(text);
  return match === null ? null : `${path}:${text.slice(0, match.index).split('\n').length} imports \`${match[1] as string}\``;
}
