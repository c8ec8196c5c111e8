export { createEngine, type Engine, type EngineOptions, type Handlers } from './engine';
export { dispatch } from './dispatch';
export { EngineEvents } from './events';
export { NetworkMonitor, httpProbe, type Probe } from './network';
