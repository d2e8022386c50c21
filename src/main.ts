// The entry point (`npm start`, the image): turns on Node's on-disk compile cache before the service's
// module graph (thousands of files under node_modules) is loaded, so that a restart reuses the code V8
// compiled the first time instead of compiling it again (nodejs/node doc/api/module.md,
// "Module compile cache"; NODE_COMPILE_CACHE=<dir> chooses the directory, NODE_DISABLE_COMPILE_CACHE=1
// turns it off). Where the directory cannot be written, Node carries on without it.
import nodeModule from 'node:module';

nodeModule.enableCompileCache();
await import('./server.js');
