/**
 * The picture editor on the portal's page, loaded on the first "Edit screenshot" (its own code
 * split: Preact is shared with the page). Its styles come as a file, which the CSP allows.
 */
import "../../../ui/editor/editor.css";

export { editImage } from "../../../ui/editor/open";
