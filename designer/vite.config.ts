import { defineConfig, type Plugin } from 'vite';
import { fileURLToPath } from 'node:url';

// The app is built into the server's static files (src/WorkflowHost.Server/wwwroot, git-ignored) by the server's
// own build (WorkflowHost.Server.csproj, target DesignerBuild). `npm run dev` proxies /api to a running server on
// :5080; `MOCK=1 npm run dev` answers /api from an in-memory stand-in (mock/, dev only, never built into the app).
export default defineConfig(async ({ command }) => {
  const plugins: Plugin[] = [];
  const mock = command === 'serve' && process.env.MOCK === '1';
  if (mock) {
    const { mockApi } = await import('./mock/mock-api.ts');
    plugins.push(mockApi());
  }
  return {
    base: '/',
    plugins,
    // One Preact for the app and every bpmn.io package that imports it: @bpmn-io/form-js-editor pins its own older
    // copy, and its components mixed with form-js-viewer's (which use ours) would run hooks on two copies and crash.
    resolve: { dedupe: ['preact'] },
    build: {
      outDir: fileURLToPath(new URL('../src/WorkflowHost.Server/wwwroot', import.meta.url)),
      emptyOutDir: true,
      sourcemap: false,
      chunkSizeWarningLimit: 1500,
    },
    server: {
      port: 5173,
      strictPort: true,
      proxy: mock ? undefined : { '/api': 'http://localhost:5080', '/hubs': { target: 'http://localhost:5080', ws: true } },
    },
  };
});
