// @ts-check
// FLIP: cards that moved glide from where they were (the console's and the board's
// rankings and clusters); nothing moves for people who ask for reduced motion.

const reducedMotion = () =>
  window.matchMedia && window.matchMedia('(prefers-reduced-motion: reduce)').matches;

/**
 * Record where the [data-flip] cards are, run `change`, animate them from there.
 * @param {Element} root
 * @param {() => void} change
 */
export function flip(root, change) {
  if (reducedMotion() || !Element.prototype.animate) {
    change();
    return;
  }
  const before = new Map();
  for (const el of root.querySelectorAll('[data-flip]')) {
    before.set(el.getAttribute('data-flip'), el.getBoundingClientRect());
  }
  change();
  for (const el of root.querySelectorAll('[data-flip]')) {
    const was = before.get(el.getAttribute('data-flip'));
    if (!was) {
      if (before.size) {
        el.animate(
          [
            { opacity: 0, transform: 'scale(.96)' },
            { opacity: 1, transform: 'none' },
          ],
          {
            duration: 300,
            easing: 'ease-out',
          },
        );
      }
      continue;
    }
    const now = el.getBoundingClientRect();
    const dx = was.left - now.left;
    const dy = was.top - now.top;
    if (Math.abs(dx) < 1 && Math.abs(dy) < 1) continue;
    el.animate([{ transform: `translate(${dx}px, ${dy}px)` }, { transform: 'none' }], {
      duration: 450,
      easing: 'cubic-bezier(.2,.8,.2,1)',
    });
  }
}
