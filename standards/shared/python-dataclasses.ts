import type { PythonNode } from './python-ast.js';
import { decoratorExpression, decoratorsOf, type PythonNames } from './python-names.js';

/**
 * `@dataclass` as the standards read it: found through the file's imports (`from dataclasses import
 * dataclass as dc`, `import dataclasses`), and the keyword arguments it is given.
 */

/** A class's `@dataclass` / `@dataclasses.dataclass(...)` decorator. */
export interface DataclassDecorator {
  readonly classNode: PythonNode;
  readonly decorator: PythonNode;
  /** The decorator's call (`@dataclass(frozen=True)`), or null when written bare (`@dataclass`). */
  readonly call: PythonNode | null;
}

/** A keyword argument's value: `True`, `False`, absent, or anything else (a variable, an expression). */
export type KeywordValue = 'true' | 'false' | 'absent' | 'other';

/** A replacement of the source range `[start, end)` by `text`. */
export interface PythonTextEdit {
  readonly range: readonly [number, number];
  readonly text: string;
}

/**
 * The class's dataclass decorator, or null.
 * @complexity O(decorators).
 */
export function dataclassDecorator(classNode: PythonNode, names: PythonNames): DataclassDecorator | null {
  for (const decorator of decoratorsOf(classNode)) {
    const expression = decoratorExpression(decorator);
    if (expression === null) continue;
    const call = expression.type === 'Call' ? expression : null;
    if (names.qualifiedName(call === null ? expression : call.function) === 'dataclasses.dataclass') {
      return { classNode, decorator, call };
    }
  }
  return null;
}

/**
 * Whether the decorator's call passes `**options`, which may hold any keyword.
 * @complexity O(arguments).
 */
export function hasKeywordSplat(found: DataclassDecorator): boolean {
  return (found.call?.arguments?.children ?? []).some((argument: PythonNode): boolean => argument.type === 'DictionarySplat');
}

/**
 * What a keyword of the decorator is set to.
 * @complexity O(arguments).
 */
export function keywordValue(found: DataclassDecorator, keyword: string, names: PythonNames): KeywordValue {
  const argument = found.call === null ? null : names.keywordArgument(found.call, keyword);
  if (argument === null) return 'absent';
  const value = argument.value as PythonNode | null;
  return value?.type === 'True' ? 'true' : value?.type === 'False' ? 'false' : 'other';
}

/**
 * The edit that sets `keyword=True` on the decorator: turns `False` into `True`, or adds the keyword
 * (`@dataclass` → `@dataclass(slots=True)`, `@dataclass(frozen=True)` → `@dataclass(frozen=True, slots=True)`).
 * @complexity O(arguments).
 */
export function setKeywordTrue(found: DataclassDecorator, keyword: string, names: PythonNames): PythonTextEdit {
  if (found.call === null) {
    const expression = decoratorExpression(found.decorator) as PythonNode;
    return { range: [expression.range[1], expression.range[1]], text: `(${keyword}=True)` };
  }
  const existing = names.keywordArgument(found.call, keyword);
  const value = existing?.value as PythonNode | null | undefined;
  if (value) return { range: value.range, text: 'True' };
  const argumentList = found.call.arguments as PythonNode;
  const last = argumentList.children.at(-1);
  if (last === undefined) return { range: [argumentList.range[0] + 1, argumentList.range[0] + 1], text: `${keyword}=True` };
  return { range: [last.range[1], last.range[1]], text: `, ${keyword}=True` };
}
