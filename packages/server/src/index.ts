export { buildApp, type App, type AppDeps } from './app.ts';
export { loadConfig, type Config } from './config.ts';
export { openDatabase, type DbHandle, type Engine } from './db/connect.ts';
export { migrateToLatest } from './db/migrate.ts';
export { prepareDatabase } from './runtime.ts';
export { seedDataset, seedGeneratedProjects } from './seed/demo.ts';
