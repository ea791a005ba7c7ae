import { missingSlots, SLOTS_SINCE } from '../standards/dataclass-slots/python-dataclass-slots.js';
import type { PythonNode } from '../standards/shared/python-ast.js';
import { declaredPython } from '../standards/shared/python-version.js';
import { createRule } from './utils/create-rule.js';
import { asRuleListener, PYTHON_ONLY, pythonNamesOf } from './utils/python-rule.js';

export type Options = [{ pythonVersion?: string }];

export type MessageIds = 'missingSlots' | 'addSlots';

/** The oldest Python assumed when neither a manifest (pyproject.toml, setup.cfg, setup.py) nor the option says. */
export const DEFAULT_PYTHON_VERSION = `3.${SLOTS_SINCE}`;

export default createRule<Options, MessageIds>({
  name: 'require-dataclass-slots',
  meta: {
    type: 'suggestion',
    docs: {
      description: 'Require `slots=True` on Python dataclasses, unless the class relies on a `__dict__`, weak references or zero-argument `super()` that slots would break',
      recommended: 'recommended',
      defaultSeverity: 'error',
    },
    languages: PYTHON_ONLY,
    hasSuggestions: true,
    messages: {
      missingSlots:
        'Add `slots=True` to the dataclass "{{name}}": its instances then keep their fields in slots instead of a `__dict__` each (less memory, faster attribute access).',
      addSlots: 'Add `slots=True` to the decorator.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          pythonVersion: {
            type: 'string',
            pattern: '^3\\.\\d+$',
            description:
              'The oldest Python version the code runs on (`"3.X"`), used when no pyproject.toml (`requires-python`), setup.cfg or setup.py (`python_requires`) above the file declares a lower bound. Default `"3.10"`.',
          },
        },
      },
    ],
    defaultOptions: [{}],
  },
  create(context, [options]) {
    const python = pythonNamesOf(context);
    if (python === null) return {};
    const declared = declaredPython(context.filename, context.cwd);
    const oldest = declared?.minor ?? Number((options.pythonVersion ?? DEFAULT_PYTHON_VERSION).split('.')[1]);
    return asRuleListener({
      ClassDefinition(classNode: PythonNode): void {
        const finding = missingSlots(classNode, python, oldest);
        if (finding === null) return;
        const { decorator } = finding.found;
        context.report({
          loc: { start: decorator.loc.start, end: decorator.loc.end },
          messageId: 'missingSlots',
          data: { name: finding.name },
          suggest: [{ messageId: 'addSlots', fix: (fixer) => fixer.replaceTextRange([...finding.edit.range], finding.edit.text) }],
        });
      },
    });
  },
});
