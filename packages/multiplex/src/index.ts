export { multiplex, type MultiplexChild } from './multiplex.js'
