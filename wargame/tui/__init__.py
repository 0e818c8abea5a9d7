"""The facilitator's console (Textual). It uses the engine; the engine never imports it."""
