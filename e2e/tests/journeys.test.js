import { journeySuite } from '../lib/journey-suite.js';

journeySuite({ javaScriptEnabled: true });
