import { describe, expect, it } from 'vitest';
import { absoluteModule, PythonImportNames, relativeSpecifier } from '../standards/shared/python-import-names.js';

describe('Python import names', () => {
  it('names a module from its import root: src/ (namespace packages too), package-dir, else the root', () => {
    const namespace = new PythonImportNames([{ path: 'pyproject.toml', text: '[project]\nname = "nspkg"\n' }], ['pyproject.toml', 'src/nspkg/models/item.py', 'src/nspkg/api/handlers.py', 'main.py']);
    expect(namespace.moduleOf('src/nspkg/models/item.py')).toBe('nspkg.models.item');
    expect(namespace.moduleOf('main.py')).toBe('main');
    const packageDir = new PythonImportNames(
      [{ path: 'pyproject.toml', text: '[project]\nname = "shop"\n\n[tool.setuptools]\npackage-dir = {"" = "lib"}\n' }],
      ['pyproject.toml', 'lib/shop/__init__.py', 'lib/shop/models.pyi', 'tests/test_shop.py'],
    );
    expect(packageDir.moduleOf('lib/shop/__init__.py')).toBe('shop');
    expect(packageDir.moduleOf('lib/shop/models.pyi')).toBe('shop.models');
    expect(packageDir.moduleOf('tests/test_shop.py')).toBe('tests.test_shop');
    // `src` that is a package itself is no import root.
    const srcPackage = new PythonImportNames([], ['src/__init__.py', 'src/app.py']);
    expect(srcPackage.moduleOf('src/app.py')).toBe('src.app');
    expect(srcPackage.moduleOf('my-scripts/run.py')).toBeNull();
  });

  it('resolves relative imports and writes them', () => {
    expect(absoluteModule('..models', 'nspkg.api.handlers', false)).toBe('nspkg.models');
    expect(absoluteModule('.', 'nspkg.api', true)).toBe('nspkg.api');
    expect(absoluteModule('...x', 'nspkg.api', false)).toBeNull();
    expect(absoluteModule('os.path', 'nspkg.api', false)).toBe('os.path');
    expect(relativeSpecifier('nspkg.models.item', 'nspkg.api.handlers', false)).toBe('..models.item');
    expect(relativeSpecifier('nspkg.models', 'nspkg.models.item', false)).toBe('.');
    expect(relativeSpecifier('nspkg.api.fresh', 'nspkg.api', true)).toBe('.fresh');
    expect(relativeSpecifier('other.x', 'nspkg.api', false)).toBeNull();
  });
});
