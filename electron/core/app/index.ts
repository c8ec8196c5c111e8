export { createEngine, handlersFor, type Engine, type EngineOptions, type Handlers } from './engine';
export { dispatch } from './dispatch';
export { EngineEvents } from '../services/events';
export { NetworkMonitor, type Probe } from '../services/network';
