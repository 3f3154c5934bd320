export { multiplex, MULTIPLEX_CHILD_OPTIONS, type MultiplexChild } from './multiplex.js'
