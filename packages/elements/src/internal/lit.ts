// What the form's elements use of Lit, from the modules that hold it: importing from `lit` itself brings Lit's element
// base along (its modules register themselves when loaded, so a bundler keeps them even unused), and the embed draws
// its elements with `BaseElement` instead (see base-element.ts). The inbox, the case status and the report import
// from `lit` and are elements of Lit's own.
export { html, nothing, svg, render, noChange, type TemplateResult } from 'lit-html';
export { css, canAdoptSheets, type CSSResult, type CSSResultGroup } from './sheet.js';
export type { ReactiveController, ReactiveControllerHost } from '@lit/reactive-element/reactive-controller.js';
