// Nothing to call: linking this target sets the engines' environment before any thread starts.
