/* factquiz: start the page's quizzes. Loaded deferred right after the core, its messages
 * and the page's question types (same priority, added last), so the quiz is ready as soon
 * as its own scripts have run, without waiting for the theme's deferred scripts (the core
 * also starts at DOMContentLoaded, once: a page without this script still works). */
self.factquiz.start();
