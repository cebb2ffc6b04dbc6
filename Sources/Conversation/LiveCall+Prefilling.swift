import Engines

extension LiveCall {
    /// What the language model is given before the caller's next words: the instructions and the
    /// latest of the conversation.
    var conversation: [ChatMessage] {
        [.system(settings.instructions)] + history.suffix(CallSettings.historyLimit)
    }

    /// Has the language model read the conversation so far while nobody waits for it, so that
    /// the reply to the caller's next words reads only those. One prefill runs at a time; when the
    /// conversation changes meanwhile, it is read again once that one is done.
    func prefillConversation() {
        // Nothing is run once the call has ended, and nothing would wait for it.
        guard ending == nil else { return }
        guard !prefilling else {
            prefillAgain = true
            return
        }
        prefilling = true
        let messages = conversation
        schedule {
            do {
                try await self.engines.languageModel.prefill(messages)
            } catch {
                self.logger.debug("the language model could not read the conversation ahead", metadata: ["error": "\(error)"])
            }
            await self.prefillFinished()
        }
    }

    /// Waits for a prefill still running: a reply requested beside it would go to another of
    /// the model's slots, one that does not hold this conversation.
    func prefillSettled() async {
        guard prefilling else { return }
        await withCheckedContinuation { prefillWaiters.append($0) }
    }

    private func prefillFinished() {
        prefilling = false
        // A reply waiting reads the rest itself; reading ahead now would only hold it up.
        guard prefillWaiters.isEmpty else {
            prefillAgain = false
            prefillWaiters.forEach { $0.resume() }
            prefillWaiters = []
            return
        }
        if prefillAgain {
            prefillAgain = false
            prefillConversation()
        }
    }
}
