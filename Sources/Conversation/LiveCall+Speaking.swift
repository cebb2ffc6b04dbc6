import Audio
import Engines
import ParleyCore

extension LiveCall {
    /// Where the words of the agent's speech come from.
    enum Words: Sendable {
        /// Fixed text: the welcome, the silence prompt, the goodbye.
        case script(String)
        /// A reply the language model generates.
        case model(ChatRequest)
    }

    func startSpeech(_ kind: AgentSpeech.Kind, script: String) {
        begin(AgentSpeech(id: nextSpeechID(), kind: kind), words: .script(script))
    }

    func startReply(to said: String) {
        var reply = AgentSpeech(id: nextSpeechID(), kind: .reply)
        reply.timeline = timeline
        reply.answering = said
        let request = ChatRequest(
            messages: conversation + [.user(said)],
            temperature: settings.temperature,
            maxTokens: settings.maxReplyTokens
        )
        begin(reply, words: .model(request))
    }

    private func begin(_ next: AgentSpeech, words: Words) {
        speech?.cancellation.cancel()
        speech = next
        let cancellation = next.cancellation
        schedule { await cancellation.run { await self.speak(next.id, words: words) } }
    }

    /// Generates (or takes) the words and synthesises them piece by piece, the model and the
    /// synthesiser working at the same time; each piece is queued for the caller as it is ready.
    private nonisolated func speak(_ id: Int, words: Words) async {
        let (pieces, pieceQueue) = AsyncStream<String>.makeStream()
        await withDiscardingTaskGroup { group in
            group.addTask {
                defer { pieceQueue.finish() }
                await self.write(id, words: words) { pieceQueue.yield($0) }
            }
            group.addTask {
                await self.synthesize(id, pieces: pieces)
            }
        }
    }

    private nonisolated func write(_ id: Int, words: Words, piece: (String) -> Void) async {
        var segmenter = ReplySegmenter()
        switch words {
        case .script(let text):
            segmenter.append(text + " ").forEach(piece)
        case .model(let request):
            var heardFirstToken = false
            var loop = ReplyLoop()
            await prefillSettled()
            do {
                _ = try await engines.languageModel.generate(request) { delta in
                    guard case .text(let text) = delta else { return }
                    if !heardFirstToken {
                        heardFirstToken = true
                        await self.firstToken(of: id)
                    }
                    if loop.append(text) { throw ReplyLooped() }
                    segmenter.append(text).forEach(piece)
                }
            } catch is ReplyLooped {
                // What is still unspoken is more of the loop: the reply ends with what was said.
                logger.warning("the language model repeated itself: its reply was cut short")
                return
            } catch is CancellationError {
                return
            } catch {
                guard !Task.isCancelled else { return }
                logger.error("the language model failed", metadata: ["error": "\(error)"])
                await send(.error("The agent could not answer: its language model failed"))
            }
        }
        segmenter.finish().map(piece)
    }

    private nonisolated func synthesize(_ id: Int, pieces: AsyncStream<String>) async {
        let voice = engines.textToSpeech
        do {
            for await text in pieces {
                let chunks = voice.synthesize(text, options: settings.speech)
                var texts = chunks.pieces.makeIterator()
                for try await audio in chunks {
                    guard let lead = await queueSpeech(id, text: texts.next()?.text ?? text, audio: audio) else { return }
                    // Keep synthesis only a little ahead of what the caller hears.
                    if lead > settings.speechLead { try await Task.sleep(for: lead - settings.speechLead) }
                }
            }
        } catch {
            guard !Task.isCancelled else { return }
            logger.error("text-to-speech failed", metadata: ["error": "\(error)"])
            await send(.error("The agent could not speak: its voice failed"))
        }
        await speechComplete(id)
    }

    private func firstToken(of id: Int) {
        guard speech?.id == id else { return }
        speech?.timeline?.firstToken = now
    }

    /// Queues one piece of speech for the caller and answers how far ahead of the caller's ear
    /// the queue now reaches; `nil` when this speech has been stopped.
    private func queueSpeech(_ id: Int, text: String, audio: PCMAudio) -> Duration? {
        guard speech?.id == id, audio.duration > .zero else { return speech?.id == id ? .zero : nil }
        let now = self.now
        let startsAt = max(now, playbackEnd)
        playbackEnd = startsAt + audio.duration
        let first = speech?.pieces.isEmpty == true
        piecesSent += 1
        if first { speech?.firstPieceNumber = piecesSent }
        speech?.pieces.append(SpokenPiece(text: text, startsAt: startsAt, duration: audio.duration))
        send(.speech(audio), speechID: id)
        if first, speech?.kind == .reply {
            speech?.timeline?.firstAudio = now
            perform(turns.handle(.replyAudioStarted, at: now))
        }
        if let said = speech?.text { send(.transcript(role: .assistant, text: said, isFinal: false)) }
        return playbackEnd - now
    }

    /// The caller's side played piece `number` out just now: what follows it of the speech still
    /// playing starts no sooner, and the speech ends that much later.
    func played(piece number: Int) {
        guard var current = speech else { return }
        current.pieces = SpokenPiece.rescheduled(current.pieces, playedThrough: number - current.firstPieceNumber, at: now)
        if let last = current.pieces.last { playbackEnd = max(playbackEnd, last.startsAt + last.duration) }
        speech = current
        rearm()
    }

    private func speechComplete(_ id: Int) {
        guard speech?.id == id, let finished = speech else { return }
        speech?.complete = true
        rearm()
        if !finished.pieces.isEmpty {
            send(.speechEnded)
            send(.transcript(role: .assistant, text: finished.text, isFinal: true))
        }
    }

    /// The first byte of this speech reached the connection.
    func speechSent(_ id: Int) {
        guard speech?.id == id, speech?.timeline != nil, speech?.timeline?.firstByteSent == nil else { return }
        speech?.timeline?.firstByteSent = now
    }
}
