export { ErrorNote, StatusNote } from "../../shared/Notes";
