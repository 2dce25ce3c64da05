// The Node entry of the extension (package.json "main"; the web build has its own, dist/web/extension.js). It loads
// the bundle, dist/extension.js, as Node would, with one difference: V8 compiles it from a code cache when there is
// one. Compiling the 2.7 MB bundle was the largest part of activation (~170 ms of ~420 ms, CPU profile of the
// extension host); from the cache it takes a few ms. The cache is written after activation, once the functions
// activation ran are compiled too, into the extension's global storage (the user's own folder: a code cache is
// code, so never a shared temporary directory), keyed by the bundle's size and modification time and by the V8
// version: a new build or another VS Code makes a new one, and a cache V8 rejects (or cannot read) is ignored and
// written again. Anything unexpected falls back to a plain require: the cache is only ever a speed-up.
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as vm from 'node:vm';

type ExtensionModule = typeof import('./extension');

const bundle = join(__dirname, 'extension.js');

function cacheFile(storage: string): string {
  const { size, mtimeMs } = statSync(bundle);
  const key = `${process.versions.v8}-${size}-${Math.round(mtimeMs)}`.replace(/[^\w.-]/g, '_');
  return join(storage, 'code-cache', `extension-${key}.bin`);
}

interface Loaded {
  exports: ExtensionModule;
  /** Writes the code cache when there was none or V8 rejected it. */
  save(): void;
}

function loadWithCache(storage: string): Loaded {
  const file = cacheFile(storage);
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(file);
  } catch {
    cachedData = undefined; // none yet
  }
  const source = readFileSync(bundle, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, ...(cachedData ? { cachedData } : {}) });
  const mod = new Module(bundle, module) as Module & { filename: string; paths: string[]; loaded: boolean; require(id: string): unknown };
  mod.filename = bundle;
  mod.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(dirname(bundle));
  const wrapper = script.runInThisContext({ displayErrors: true }) as (exports: unknown, require: NodeJS.Require, module: unknown, filename: string, dirname: string) => void;
  // require() of the bundle goes through Module._load with this module as the parent (VS Code's interceptor of
  // `vscode` tells the extension by the parent's file name).
  const require = Object.assign((id: string) => mod.require(id), createRequire(bundle)) as NodeJS.Require;
  wrapper.call(mod.exports, mod.exports, require, mod, bundle, dirname(bundle));
  mod.loaded = true;
  const stale = !cachedData || script.cachedDataRejected === true;
  return {
    exports: mod.exports as ExtensionModule,
    save: () => {
      if (!stale) return;
      try {
        const data = script.createCachedData();
        mkdirSync(dirname(file), { recursive: true });
        const temp = `${file}.${process.pid}.tmp`;
        writeFileSync(temp, data);
        renameSync(temp, file);
      } catch {
        // A read-only or full storage folder: no cache, the next start compiles as before.
      }
    },
  };
}

let loaded: Loaded | undefined;

export function activate(context: Parameters<ExtensionModule['activate']>[0]): ReturnType<ExtensionModule['activate']> {
  if (!loaded) {
    try {
      loaded = loadWithCache(context.globalStorageUri.fsPath);
    } catch {
      loaded = { exports: createRequire(__filename)(bundle) as ExtensionModule, save: () => undefined };
    }
  }
  const api = loaded.exports.activate(context);
  // After activation's own work (and the functions it compiled), off the activation path.
  const timer = setTimeout(() => loaded?.save(), 5000);
  context.subscriptions.push({ dispose: () => clearTimeout(timer) });
  return api;
}

export function deactivate(): void {
  loaded?.exports.deactivate();
}
