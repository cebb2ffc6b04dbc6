import Audio
import Engines

extension LiveCall {
    /// Holds what the VAD just ended until the turn-taking decides; an early transcription left
    /// untaken gives up its place.
    func cut(_ next: CutUtterance?) {
        if case .early(let untaken) = utterance { drop(untaken) }
        utterance = next
    }

    /// Transcribes the utterance the VAD ended last, or takes the early transcription of it.
    func transcribeUtterance() {
        let taken = utterance
        utterance = nil
        switch taken {
        case .audio(let audio):
            let number = transcriptionsStarted
            transcriptionsStarted += 1
            schedule {
                let text = await self.transcript(of: audio)
                await self.heard(number, text: text)
            }
        case .early(let early):
            if let result = early.result {
                transcribed(early.number, .heard(result.text, at: result.at))
            } else {
                awaitedEarly.insert(early.number)
            }
        case nil:
            break
        }
    }

    /// Starts transcribing the utterance so far, the caller having paused: if the VAD then ends
    /// it with nothing more said, its transcript is ready that much sooner.
    func startEarlyTranscription(of audio: PCMAudio) {
        if let outrun = pendingEarly { drop(outrun) }
        let early = EarlyTranscription(number: transcriptionsStarted)
        transcriptionsStarted += 1
        pendingEarly = early
        let cancellation = early.cancellation
        schedule {
            await cancellation.run {
                let text = await self.transcript(of: audio)
                guard !Task.isCancelled else { return }
                await self.earlyTranscribed(early.number, text: text)
            }
        }
    }

    /// The caller went on (or the utterance was discarded): the early transcription stops, and
    /// its place in the order is given up.
    func drop(_ early: EarlyTranscription) {
        early.cancellation.cancel()
        if pendingEarly?.number == early.number { pendingEarly = nil }
        awaitedEarly.remove(early.number)
        transcribed(early.number, .dropped)
    }

    private func earlyTranscribed(_ number: Int, text: String) {
        if pendingEarly?.number == number {
            pendingEarly?.result = (text, now)
        } else if case .early(var early) = utterance, early.number == number {
            early.result = (text, now)
            utterance = .early(early)
        } else if awaitedEarly.remove(number) != nil {
            heard(number, text: text)
        }
    }

    private func heard(_ number: Int, text: String) {
        transcribed(number, .heard(text, at: now))
    }

    private nonisolated func transcript(of audio: PCMAudio) async -> String {
        do {
            return try await engines.speechToText.transcribe(audio, language: settings.language)
        } catch {
            if !Task.isCancelled { logger.error("speech-to-text failed", metadata: ["error": "\(error)"]) }
            return ""
        }
    }

    /// Transcript `number` is in; delivers it and any later ones that were waiting for it, in
    /// the order they were spoken.
    private func transcribed(_ number: Int, _ transcript: Transcript) {
        guard number >= transcriptionsDelivered, finishedTranscripts[number] == nil else { return }
        finishedTranscripts[number] = transcript
        while let next = finishedTranscripts.removeValue(forKey: transcriptionsDelivered) {
            transcriptionsDelivered += 1
            guard case .heard(let text, let at) = next else { continue }
            let heard = text.trimmingCharacters(in: .whitespacesAndNewlines)
            if !heard.isEmpty { send(.transcript(role: .user, text: heard, isFinal: true)) }
            timeline?.transcribed = at
            perform(turns.handle(.transcribed(heard), at: now))
        }
    }
}
