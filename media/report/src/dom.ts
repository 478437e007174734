/**
 * Building DOM without markup strings: every text goes through textContent or setAttribute, so a
 * transcript like `<img src=x onerror=…>` shows as the characters it is. No innerHTML anywhere.
 */
type Attributes = Record<string, string | number | boolean | undefined>;
export type Child = Node | string | number | undefined | null | false | readonly Child[];

function apply(element: Element, attributes: Attributes | undefined, children: readonly Child[]): void {
  if (attributes) {
    for (const [name, value] of Object.entries(attributes)) {
      if (value === undefined || value === false) continue;
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  for (const child of children) {
    if (child === undefined || child === null || child === false) continue;
    if (Array.isArray(child)) apply(element, undefined, child);
    else element.append(typeof child === 'object' ? (child as Node) : document.createTextNode(String(child)));
  }
}

/** An HTML element: h('div', { class: 'card' }, 'text', otherNode). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  apply(element, attributes, children);
  return element;
}

const SVG = 'http://www.w3.org/2000/svg';

/** An SVG element. */
export function s<K extends keyof SVGElementTagNameMap>(tag: K, attributes?: Attributes, ...children: Child[]): SVGElementTagNameMap[K] {
  const element = document.createElementNS(SVG, tag);
  apply(element, attributes, children);
  return element;
}

/** Replaces an element's children. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  apply(parent, undefined, children);
}

/** A button whose click runs `onClick` (listeners, never inline handlers: the CSP forbids them). */
export function button(label: Child, onClick: (event: MouseEvent) => void, attributes?: Attributes): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, label);
  element.addEventListener('click', onClick);
  return element;
}
