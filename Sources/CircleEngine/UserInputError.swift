/// An error that is the user's input at fault (exit code 1), for error types defined in modules
/// that CircleEngine does not import (such as CircleJob's `JobError`): `isInputError` accepts
/// every error conforming to it.
public protocol UserInputError: Error {}
