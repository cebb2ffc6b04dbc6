/// Stops a reply that has fallen into a loop (see ``ReplyLoop``).
struct ReplyLooped: Error {}
