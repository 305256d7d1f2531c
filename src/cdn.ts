// The entry of both CDN bundles: the elements, defined.
import './define.js';
